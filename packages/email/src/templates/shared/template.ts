import type { ReactElement } from "react";
import type { z } from "zod";
import type { Locale } from "./locale.ts";

/**
 * What every module in `templates/` exports. `Props` is the schema's output: the component and the
 * subject only ever see props that the schema has parsed (defaults applied, strings checked).
 */
export interface TemplateModule<Props> {
  schema: z.ZodType<Props>;
  subject: (props: Props, locale: Locale) => string;
  Email: (props: Props & { locale: Locale }) => ReactElement;
}
