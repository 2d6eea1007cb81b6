import { expect, test } from "bun:test";
import { csvField, csvRecord } from "./csv.ts";

test("quotes fields holding commas, quotes or line breaks, doubling the quotes (RFC 4180)", () => {
  expect(csvRecord(["a,b", 'say "hi"', "one\r\ntwo", "bare\nnewline", "plain"])).toBe(
    '"a,b","say ""hi""","one\r\ntwo","bare\nnewline",plain\r\n',
  );
});

test("prefixes text a spreadsheet would run as a formula", () => {
  for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(csvField(`${start}x`)).toMatch(/^"?'/);
  expect(csvField('=HYPERLINK("http://evil.test","x")')).toBe(`"'=HYPERLINK(""http://evil.test"",""x"")"`);
  expect(csvField("a=b")).toBe("a=b");
});

test("writes numbers and booleans as they are, and null as an empty field", () => {
  expect(csvRecord([-5, true, null, undefined, ""])).toBe("-5,true,,,\r\n");
});
