import { route } from "../http/route.ts";
import { idParam, page } from "../schemas/common.ts";
import { userSchema } from "../schemas/user.ts";
import { createUser, createUserInput } from "../services/users/create-user.ts";
import { listUsers, listUsersQuery } from "../services/users/list-users.ts";
import { updateUser, updateUserInput } from "../services/users/update-user.ts";

export const userRoutes = [
  route({
    method: "post",
    path: "/users",
    operationId: "createUser",
    tag: "Users",
    summary: "Add a user to the organization",
    access: ["admin"],
    body: createUserInput,
    idempotent: true,
    status: 201,
    response: userSchema,
    handler: (ctx, { body }) => createUser(ctx, body),
  }),
  route({
    method: "get",
    path: "/users",
    operationId: "listUsers",
    tag: "Users",
    summary: "List the organization's users",
    description: "Agents and admins see everyone in the organization; a customer sees only themself.",
    access: ["customer", "agent", "admin"],
    query: listUsersQuery,
    response: page(userSchema),
    handler: (ctx, { query }) => listUsers(ctx, query),
  }),
  route({
    method: "patch",
    path: "/users/:id",
    operationId: "updateUser",
    tag: "Users",
    summary: "Change a user's role, name, locale or active flag",
    access: ["admin"],
    params: idParam,
    body: updateUserInput,
    response: userSchema,
    handler: (ctx, { params, body }) => updateUser(ctx, params.id, body),
  }),
];
