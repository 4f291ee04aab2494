package dev.imprint.render;

import java.io.Writer;
import java.util.List;
import java.util.Map;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.AbstractNodeVisitor;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.extension.NodeVisitorFactory;
import io.pebbletemplates.pebble.extension.core.RangeFunction;
import io.pebbletemplates.pebble.node.AbstractRenderableNode;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;

/**
 * Makes a repository's templates stoppable ({@link RenderBudget}): every block body starts with a budget check, and
 * {@code range} refuses to build a list too long to loop over (Pebble's builds the whole list first, so
 * {@code range(0, 999999999)} would exhaust memory before any check ran).
 */
final class RunawayGuard extends AbstractExtension {
    static final int MAX_RANGE = 100_000;

    @Override
    public List<NodeVisitorFactory> getNodeVisitors() {
        return List.of(CheckInserter::new);
    }

    @Override
    public Map<String, Function> getFunctions() {
        return Map.of(RangeFunction.FUNCTION_NAME, new BoundedRange());
    }

    private static final class CheckInserter extends AbstractNodeVisitor {
        CheckInserter(PebbleTemplate template) {
            super((PebbleTemplateImpl) template);
        }

        @Override
        public void visit(BodyNode node) {
            node.getChildren().add(0, new BudgetCheck(node.getLineNumber(), getTemplate().getName()));
            super.visit(node);
        }
    }

    private static final class BudgetCheck extends AbstractRenderableNode {
        private final String template;

        BudgetCheck(int line, String template) {
            super(line);
            this.template = template;
        }

        @Override
        public void render(PebbleTemplateImpl self, Writer writer, EvaluationContextImpl context) {
            RenderBudget.check(template, getLineNumber());
        }

        @Override
        public void accept(NodeVisitor visitor) {
            // nothing to visit, and visiting would insert checks into checks
        }
    }

    private static final class BoundedRange implements Function {
        private final RangeFunction range = new RangeFunction();

        @Override
        public List<String> getArgumentNames() {
            return range.getArgumentNames();
        }

        @Override
        public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
            if (args.get("start") instanceof Number start && args.get("end") instanceof Number end) {
                long step = args.get("increment") instanceof Number n ? n.longValue() : 1;
                long count = step == 0 ? 0 : (end.longValue() - start.longValue()) / step + 1; // 0: Pebble's own error
                if (count > MAX_RANGE) {
                    throw new PebbleException(null, "range(" + start + ", " + end + ") would hold " + count
                            + " numbers; at most " + MAX_RANGE, line, self.getName());
                }
            }
            RenderBudget.check(self.getName(), line);
            return range.execute(args, self, context, line);
        }
    }
}
