/** An attachment header with an ASCII fallback name and the exact one (RFC 6266). */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\w.-]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
