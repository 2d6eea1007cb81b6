/** The API's error body: `{ error: { code, message, details?, requestId } }` (docs/api.md). */
interface ErrorBody {
  error?: {
    code?: string;
    message?: string;
    requestId?: string;
    details?: { issues?: { location: string; path: string; message: string }[] };
  };
}

/** A non-2xx answer, with the API's code and, for 400s, the message for each field it names. */
export class ApiError extends Error {
  readonly code: string;
  readonly fields: Record<string, string>;

  constructor(
    readonly status: number,
    body: unknown,
  ) {
    const error = (body as ErrorBody | undefined)?.error;
    super(error?.message ?? `HTTP ${status}`);
    this.name = "ApiError";
    this.code = error?.code ?? "http_error";
    this.fields = {};
    for (const issue of error?.details?.issues ?? []) this.fields[issue.path] ??= issue.message;
  }
}

/** The message for a field, when the error is the API's answer naming it. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fields[field] : undefined;
}
