import { z } from "zod";
import { route } from "../http/route.ts";
import { organizationSchema, userSchema } from "../schemas/user.ts";
import { logIn, logInInput } from "../services/accounts/log-in.ts";
import { signUp, signUpInput } from "../services/accounts/sign-up.ts";

export const authRoutes = [
  route({
    method: "post",
    path: "/auth/signup",
    tag: "Auth",
    summary: "Create an organization and its first admin",
    access: "public",
    body: signUpInput,
    status: 201,
    response: z.object({ token: z.string(), user: userSchema, organization: organizationSchema }),
    handler: (ctx, { body }) => signUp(ctx, body),
  }),
  route({
    method: "post",
    path: "/auth/login",
    tag: "Auth",
    summary: "Log in to an organization",
    description: "Wrong organization, e-mail or password and inactive users all answer the same 401.",
    access: "public",
    body: logInInput,
    response: z.object({ token: z.string(), user: userSchema }),
    handler: (ctx, { body }) => logIn(ctx, body),
  }),
];
