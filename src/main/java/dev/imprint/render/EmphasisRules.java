package dev.imprint.render;

import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.parser.core.delimiter.AsteriskDelimiterProcessor;
import com.vladsch.flexmark.parser.core.delimiter.UnderscoreDelimiterProcessor;
import com.vladsch.flexmark.parser.delimiter.DelimiterRun;
import com.vladsch.flexmark.util.data.MutableDataHolder;

/**
 * Emphasis delimiter processors with the CommonMark ≥ 0.29 "rule of 3": a closer whose run length is a multiple of 3
 * may match an opener that can also close even if the sum of the lengths is a multiple of 3 (flexmark 0.64.8 lacks
 * that exception, so {@code foo***bar***baz} stays literal), and runs of ≥ 2 on both sides always make strong
 * emphasis first.
 */
final class EmphasisRules implements Parser.ParserExtension {

    static int delimiterUse(DelimiterRun opener, DelimiterRun closer) {
        if ((opener.canClose() || closer.canOpen())
                && closer.length() % 3 != 0
                && (opener.length() + closer.length()) % 3 == 0) {
            return 0;
        }
        return opener.length() >= 2 && closer.length() >= 2 ? 2 : 1;
    }

    @Override
    public void parserOptions(MutableDataHolder options) {
        options.set(Parser.ASTERISK_DELIMITER_PROCESSOR, false);
        options.set(Parser.UNDERSCORE_DELIMITER_PROCESSOR, false);
    }

    @Override
    public void extend(Parser.Builder builder) {
        boolean strongWrapsEmphasis = Parser.STRONG_WRAPS_EMPHASIS.get(builder);
        builder.customDelimiterProcessor(new AsteriskDelimiterProcessor(strongWrapsEmphasis) {
            @Override
            public int getDelimiterUse(DelimiterRun opener, DelimiterRun closer) {
                return delimiterUse(opener, closer);
            }
        });
        builder.customDelimiterProcessor(new UnderscoreDelimiterProcessor(strongWrapsEmphasis) {
            @Override
            public int getDelimiterUse(DelimiterRun opener, DelimiterRun closer) {
                return delimiterUse(opener, closer);
            }
        });
    }
}
