import { describe, expect, it } from "vitest";
import { escapeHtml } from "~/utils/html";
import { contentFromText, renderEmail } from "./email-content";

describe("e-mail content", () => {
  it("renders one content as text and as escaped, accessible HTML", () => {
    const { text, html } = renderEmail("Scores <& “quotes”>", {
      paragraphs: ["Hello <script>alert(1)</script> & welcome,\nsecond line.", "See https://mxp.example.org/a?b=1&c=2. Then rest."],
      action: { label: "Open MXP", url: 'https://mxp.example.org/dashboard?x=1&y="2"' },
      settings: { url: "https://mxp.example.org/dashboard/account/email", reason: "You get this because it is on." },
    });
    expect(text).toBe(
      [
        "Hello <script>alert(1)</script> & welcome,\nsecond line.",
        "",
        "See https://mxp.example.org/a?b=1&c=2. Then rest.",
        "",
        'Open MXP: https://mxp.example.org/dashboard?x=1&y="2"',
        "",
        "-- ",
        "You get this because it is on. Choose which e-mails MXP sends you: https://mxp.example.org/dashboard/account/email",
        "",
      ].join("\n"),
    );
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("<title>Scores &lt;&amp; “quotes”&gt;</title>");
    expect(html).toContain("<h1");
    expect(html).not.toContain("<script>");
    expect(html).toContain("Hello &lt;script&gt;alert(1)&lt;/script&gt; &amp; welcome,<br>\nsecond line.");
    // The sentence's full stop is not part of the link.
    expect(html).toMatch(/See <a href="https:\/\/mxp\.example\.org\/a\?b=1&amp;c=2"[^>]*>https:\/\/mxp\.example\.org\/a\?b=1&amp;c=2<\/a>\. Then rest\./);
    expect(html).toMatch(/<a href="https:\/\/mxp\.example\.org\/dashboard\?x=1&amp;y=&quot;2&quot;"[^>]*>Open MXP<\/a>/);
    expect(html).toMatch(/You get this because it is on\. <a href="https:\/\/mxp\.example\.org\/dashboard\/account\/email"[^>]*>Choose which e-mails MXP sends you<\/a>/);
  });

  it("reads plain text as paragraphs separated by blank lines", () => {
    expect(contentFromText("Hello,\n\nOpen:\nhttps://x.example/a\n\n\n  Bye.\n")).toEqual({ paragraphs: ["Hello,", "Open:\nhttps://x.example/a", "Bye."] });
    const { html } = renderEmail("Hi", contentFromText("Open https://x.example/reset?token=abc_DEF-1, once."));
    expect(html).toContain('<a href="https://x.example/reset?token=abc_DEF-1" style="color:#1d4ed8;text-decoration:underline;">https://x.example/reset?token=abc_DEF-1</a>, once.');
  });

  it("escapes every character that means something in HTML", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  });
});
