import { render } from "@react-email/render";
import { createElement } from "react";
import type { z } from "zod";
import { type Locale, type TemplateName, type TemplateProps, templates } from "./templates/index.ts";
import type { TemplateModule } from "./templates/shared/template.ts";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

type ParsedProps = { [N in TemplateName]: z.output<(typeof templates)[N]["schema"]> };
/**
 * The registry seen through one generic shape, so that for a given name the schema, the subject and
 * the component are known to agree (TypeScript's "correlated union" pattern): no cast needed below.
 */
const modules: { [N in TemplateName]: TemplateModule<ParsedProps[N]> } = templates;

/**
 * Renders one e-mail. Props are parsed here, not trusted: they arrive from a job payload that may
 * have been enqueued by an older release, and a ZodError (not a half-filled e-mail) is the right
 * outcome for props that no longer fit.
 */
export async function renderEmail<N extends TemplateName>(
  name: N,
  props: TemplateProps<N>,
  locale: Locale,
): Promise<RenderedEmail> {
  const template = modules[name];
  const parsed = template.schema.parse(props);
  // The key changes nothing for React; it lets TypeScript see that props of a generic type are valid
  // element attributes, which it cannot prove for `ParsedProps[N]` alone.
  const element = createElement(template.Email, { key: name, ...parsed, locale });
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: template.subject(parsed, locale), html, text };
}
