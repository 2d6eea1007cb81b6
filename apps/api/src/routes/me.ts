import { z } from "zod";
import { route } from "../http/route.ts";
import { organizationSchema, userSchema } from "../schemas/user.ts";
import { getMe } from "../services/users/get-me.ts";

export const meRoutes = [
  route({
    method: "get",
    path: "/me",
    operationId: "getMe",
    tag: "Auth",
    summary: "The logged-in user and their organization",
    access: ["customer", "agent", "admin"],
    response: z.object({ user: userSchema, organization: organizationSchema }),
    handler: (ctx) => getMe(ctx),
  }),
];
