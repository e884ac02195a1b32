import { describe, expect, it } from "vitest";
import { safeHref } from "./html";
import { renderMarkdown } from "./markdown.server";

describe("renderMarkdown", () => {
  it("renders ordinary markdown", () => {
    const html = renderMarkdown("Some **bold** text and `code`.\n\n- one\n- two");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<code>code</code>");
    expect(html).toContain("<li>one</li>");
  });

  it("makes code blocks keyboard-scrollable and named, with a copy button the page's script reveals, and escapes their text", () => {
    const html = renderMarkdown("Run:\n\n```bash\ngrep -c 'Failed password' auth.log </dev/null && echo \"<done>\"\n```");
    expect(html).toContain('<pre tabindex="0" role="group" aria-label="Code (bash)"><code class="language-bash">');
    expect(html).toContain("grep -c &#39;Failed password&#39; auth.log &lt;/dev/null &amp;&amp; echo &quot;&lt;done&gt;&quot;");
    expect(html).toContain('<button type="button" class="code-copy" hidden>Copy</button>');
    expect(renderMarkdown('```"><script>x\ncode\n```')).not.toMatch(/<script|class="language-"><script/);
  });

  it("shows raw HTML as text: a <script> block never becomes an element", () => {
    const html = renderMarkdown('Hello\n\n<script>alert("x")</script>\n\nand inline <img src=x onerror="alert(1)"> too');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });

  it("neutralises javascript: and other non-web links", () => {
    for (const source of [
      "[click](javascript:alert(1))",
      "[click](JavaScript:alert(1))",
      "[click](java\tscript:alert(1))",
      "[click](data:text/html;base64,PHNjcmlwdD4=)",
      "[click](vbscript:msgbox)",
      "[click](/relative/path)",
      '<a href="javascript:alert(1)">click</a>',
    ]) {
      const html = renderMarkdown(source);
      expect(html, source).not.toMatch(/<a\s/i);
      expect(html.toLowerCase(), source).not.toMatch(/href=["']?\s*(javascript|data|vbscript):/);
      expect(html, source).toContain("click");
    }
  });

  it("keeps http(s) and mailto links, opening them safely", () => {
    const html = renderMarkdown("[MITRE](https://attack.mitre.org/techniques/T1110/) and [mail](mailto:soc@example.com) and <https://example.com>");
    expect(html).toContain('<a href="https://attack.mitre.org/techniques/T1110/" rel="noopener noreferrer nofollow" target="_blank">MITRE</a>');
    expect(html).toContain('href="mailto:soc@example.com"');
    expect(html).toContain('href="https://example.com"');
  });

  it("does not load images and escapes attribute breakouts", () => {
    const html = renderMarkdown('![alt"><script>](https://example.com/x.png) [t](https://example.com "a\\"onmouseover=\\"x")');
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/"onmouseover/);
  });

  it("gives the same safe HTML when a source is rendered again, at each heading offset", () => {
    const source = "# Story\n\n<script>alert(1)</script> [x](javascript:alert(1))";
    const first = renderMarkdown(source);
    expect(renderMarkdown(source)).toBe(first);
    expect(first).toContain("<h3>Story</h3>");
    expect(first).not.toMatch(/<script|<a\s/i);
    expect(renderMarkdown(source, 0)).toContain("<h1>Story</h1>");
    expect(renderMarkdown(source)).toBe(first);
    // Many other sources later (more than are kept), it is still right.
    for (let i = 0; i < 2_100; i++) renderMarkdown(`Entry ${i}`);
    expect(renderMarkdown(source)).toBe(first);
    expect(renderMarkdown("Entry 7")).toBe("<p>Entry 7</p>\n");
  });

  it("shifts headings below the page's own", () => {
    expect(renderMarkdown("# Title")).toContain("<h3>Title</h3>");
    expect(renderMarkdown("###### Deep")).toContain("<h6>Deep</h6>");
    expect(renderMarkdown("# Title", 0)).toContain("<h1>Title</h1>");
  });
});

describe("safeHref", () => {
  it("accepts only absolute http(s) and mailto", () => {
    expect(safeHref("https://x.example/a")).toBe("https://x.example/a");
    expect(safeHref("HTTP://x.example")).toBe("HTTP://x.example");
    expect(safeHref("mailto:a@b.example")).toBe("mailto:a@b.example");
    expect(safeHref(" javascript:alert(1)")).toBeNull();
    expect(safeHref("https:/javascript:alert(1)")).toBeNull();
    expect(safeHref("//evil.example")).toBeNull();
    expect(safeHref("")).toBeNull();
  });
});
