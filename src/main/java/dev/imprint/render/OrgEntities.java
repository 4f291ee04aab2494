package dev.imprint.render;

import java.util.HashMap;
import java.util.Map;

/** The Org entities ({@code \alpha}, {@code \nbsp}, {@code \mdash}, …) people write most, as the characters they stand for. */
final class OrgEntities {
    private static final Map<String, String> CHARS = new HashMap<>();

    static {
        String greek = "alpha α beta β gamma γ delta δ epsilon ε varepsilon ε zeta ζ eta η theta θ vartheta ϑ "
                + "iota ι kappa κ lambda λ mu μ nu ν xi ξ omicron ο pi π varpi ϖ rho ρ sigma σ varsigma ς tau τ "
                + "upsilon υ phi φ varphi ϕ chi χ psi ψ omega ω Alpha Α Beta Β Gamma Γ Delta Δ Epsilon Ε Zeta Ζ "
                + "Eta Η Theta Θ Iota Ι Kappa Κ Lambda Λ Mu Μ Nu Ν Xi Ξ Omicron Ο Pi Π Rho Ρ Sigma Σ Tau Τ "
                + "Upsilon Υ Phi Φ Chi Χ Psi Ψ Omega Ω";
        String math = "sum ∑ prod ∏ int ∫ infin ∞ infty ∞ pm ± plusmn ± times × div ÷ le ≤ leq ≤ ge ≥ geq ≥ "
                + "ne ≠ neq ≠ approx ≈ equiv ≡ sim ∼ partial ∂ nabla ∇ forall ∀ exists ∃ in ∈ isin ∈ notin ∉ "
                + "subset ⊂ sub ⊂ supset ⊃ sup ⊃ cup ∪ cap ∩ empty ∅ emptyset ∅ sqrt √ radic √ ang ∠ angle ∠ "
                + "deg ° prime ′ cdot ⋅ sdot ⋅ middot · star * neg ¬ not ¬ and ∧ land ∧ or ∨ lor ∨ "
                + "to → rarr → rightarrow → larr ← leftarrow ← gets ← harr ↔ uarr ↑ darr ↓ rArr ⇒ Rightarrow ⇒ "
                + "lArr ⇐ Leftarrow ⇐ hArr ⇔ Leftrightarrow ⇔ minus − ast ∗ micro µ";
        String text = "nbsp \u00a0 ensp \u2002 emsp \u2003 thinsp \u2009 shy \u00ad mdash — ndash – hellip … "
                + "dots … laquo « raquo » lsaquo ‹ rsaquo › lsquo ‘ rsquo ’ ldquo “ rdquo ” sbquo ‚ bdquo „ "
                + "bull • bullet • dagger † Dagger ‡ para ¶ sect § copy © reg ® trade ™ euro € pound £ yen ¥ "
                + "cent ¢ iexcl ¡ iquest ¿ amp & lt < gt > quot \" checkmark ✓ "
                + "Aacute Á aacute á Agrave À agrave à Acirc Â acirc â Auml Ä auml ä Aring Å aring å AElig Æ "
                + "aelig æ Ccedil Ç ccedil ç Eacute É eacute é Egrave È egrave è Ecirc Ê ecirc ê Euml Ë euml ë "
                + "Iacute Í iacute í Ntilde Ñ ntilde ñ Oacute Ó oacute ó Ograve Ò ograve ò Ocirc Ô ocirc ô "
                + "Ouml Ö ouml ö Oslash Ø oslash ø Uacute Ú uacute ú Ugrave Ù ugrave ù Uuml Ü uuml ü szlig ß";
        for (String table : new String[] {greek, math, text}) {
            String[] w = table.split(" ");
            for (int i = 0; i + 1 < w.length; i += 2) {
                CHARS.put(w[i], w[i + 1].isEmpty() ? " " : w[i + 1]);
            }
        }
    }

    private OrgEntities() {}

    /** The character for {@code name} (without its backslash), or null when Org knows no such entity. */
    static String of(String name) {
        return CHARS.get(name);
    }
}
