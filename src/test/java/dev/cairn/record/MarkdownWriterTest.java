package dev.cairn.record;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Whatever a member typed, the Markdown writer leaves it as text: the exact escaped forms. */
class MarkdownWriterTest {

    private static String paragraph(String text) {
        MarkdownWriter md = new MarkdownWriter();
        md.paragraph(text);
        return md.text();
    }

    @Test
    void htmlBecomesEntitiesAndTypedEntitiesStayLiteral() {
        assertEquals("&lt;script&gt;alert\\(1\\)&lt;/script&gt;", paragraph("<script>alert(1)</script>"));
        assertEquals("&lt;img src=x onerror=alert\\(1\\)&gt;", paragraph("<img src=x onerror=alert(1)>"));
        assertEquals("&amp;lt;b&amp;gt; &amp;amp;", paragraph("&lt;b&gt; &amp;"));
    }

    @Test
    void linksImagesAndAutolinksCannotForm() {
        assertEquals("\\]\\(javascript:alert\\(1\\)\\)", paragraph("](javascript:alert(1))"));
        assertEquals("\\!\\[x\\]\\(http\\://evil\\)", paragraph("![x](http://evil)"));
        assertEquals("see https\\://evil.example and www\\.evil.example", paragraph("see https://evil.example and www.evil.example"));
        assertEquals("mailto\\:a\\@b.example", paragraph("mailto:a@b.example"));
        assertEquals("\\[ref\\]: /x", paragraph("[ref]: /x"));
    }

    @Test
    void codeEmphasisAndTableCellsCannotForm() {
        assertEquals("\\`code\\` \\*bold\\* \\_em\\_ \\~\\~gone\\~\\~", paragraph("`code` *bold* _em_ ~~gone~~"));
        MarkdownWriter md = new MarkdownWriter();
        md.table(List.of("a|b", "c"), List.of(List.of("x | y", "line one\nline two")));
        assertEquals("| a\\|b | c |\n| --- | --- |\n| x \\| y | line one line two |", md.text());
    }

    @Test
    void nothingAtTheStartOfALineOpensABlock() {
        assertEquals("\\# not a heading", paragraph("# not a heading"));
        assertEquals("\\- not a bullet\\\n\\+ nor this\\\n&gt; not a quote\\\n1\\. not a number\\\n2\\) nor this\\\n\\===",
            paragraph("- not a bullet\n+ nor this\n> not a quote\n1. not a number\n2) nor this\n==="));
        assertEquals("indented code? no", paragraph("        indented code? no"));
        MarkdownWriter md = new MarkdownWriter();
        md.list(List.of("- nested?", "1. numbered?\n# heading?"));
        assertEquals("- \\- nested?\n- 1\\. numbered? \\# heading?", md.text());
        MarkdownWriter h = new MarkdownWriter();
        h.heading("Title #\n## second");
        assertEquals("### Title \\# \\#\\# second", h.text());
    }
}
