import { route } from "../http/route.ts";
import { organizationSettingsSchema } from "../schemas/organization.ts";
import { getOrganization } from "../services/organization/get-organization.ts";
import { updateOrganizationInput } from "../services/organization/settings-input.ts";
import { updateOrganization } from "../services/organization/update-organization.ts";

export const organizationRoutes = [
  route({
    method: "get",
    path: "/organization",
    operationId: "getOrganization",
    tag: "Organization",
    summary: "The caller's organization: name and time zone for everyone, settings for admins",
    access: ["customer", "agent", "admin"],
    response: organizationSettingsSchema,
    handler: (ctx) => getOrganization(ctx),
  }),
  route({
    method: "patch",
    path: "/organization",
    operationId: "updateOrganization",
    tag: "Organization",
    summary: "Change the organization's name, time zone, auto-close, digest, weekly report or retention",
    description:
      'Nested settings merge: `{ "digest": { "hour": 9 } }` keeps the digest\'s other fields. A new time zone or hour moves the next digest and weekly report.',
    access: ["admin"],
    body: updateOrganizationInput,
    response: organizationSettingsSchema,
    handler: (ctx, { body }) => updateOrganization(ctx, body),
  }),
];
