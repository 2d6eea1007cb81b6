import { route } from "../http/route.ts";
import { idParam, page } from "../schemas/common.ts";
import { slaPolicySchema } from "../schemas/sla.ts";
import { createPolicy } from "../services/sla/create-policy.ts";
import { deletePolicy } from "../services/sla/delete-policy.ts";
import { getPolicy, listPolicies, listPoliciesQuery } from "../services/sla/get-policy.ts";
import { createPolicyInput, updatePolicyInput } from "../services/sla/policy-input.ts";
import { updatePolicy } from "../services/sla/update-policy.ts";

const staff = ["agent", "admin"] as const;
const admins = ["admin"] as const;
const tag = "SLA policies";

export const slaPolicyRoutes = [
  route({
    method: "post",
    path: "/sla-policies",
    operationId: "createSlaPolicy",
    tag,
    summary: "Add an SLA policy",
    description:
      "With `isDefault: true` it becomes the organization's default, taking it from the previous one.",
    access: admins,
    body: createPolicyInput,
    status: 201,
    response: slaPolicySchema,
    handler: (ctx, { body }) => createPolicy(ctx, body),
  }),
  route({
    method: "get",
    path: "/sla-policies",
    operationId: "listSlaPolicies",
    tag,
    summary: "List the organization's SLA policies, newest first, with keyset pagination",
    access: staff,
    query: listPoliciesQuery,
    response: page(slaPolicySchema),
    handler: (ctx, { query }) => listPolicies(ctx, query),
  }),
  route({
    method: "get",
    path: "/sla-policies/:id",
    operationId: "getSlaPolicy",
    tag,
    summary: "An SLA policy",
    access: staff,
    params: idParam,
    response: slaPolicySchema,
    handler: (ctx, { params }) => getPolicy(ctx, params.id),
  }),
  route({
    method: "patch",
    path: "/sla-policies/:id",
    operationId: "updateSlaPolicy",
    tag,
    summary: "Change an SLA policy",
    description:
      "Any subset of the fields; `targets`, `businessHours` and `escalation` replace the stored ones whole. " +
      "`isDefault: false` on the default leaves the organization without one.",
    access: admins,
    params: idParam,
    body: updatePolicyInput,
    response: slaPolicySchema,
    handler: (ctx, { params, body }) => updatePolicy(ctx, params.id, body),
  }),
  route({
    method: "delete",
    path: "/sla-policies/:id",
    operationId: "deleteSlaPolicy",
    tag,
    summary: "Delete an SLA policy; answers with it as it was",
    description: "Its tickets lose their SLA. Deleting the default leaves the organization without one.",
    access: admins,
    params: idParam,
    response: slaPolicySchema,
    handler: (ctx, { params }) => deletePolicy(ctx, params.id),
  }),
];
