import { z } from "zod";
import { route } from "../http/route.ts";
import { organizationSchema, userSchema } from "../schemas/user.ts";
import {
  confirmPasswordReset,
  confirmPasswordResetInput,
} from "../services/accounts/confirm-password-reset.ts";
import { logIn, logInInput } from "../services/accounts/log-in.ts";
import {
  requestPasswordReset,
  requestPasswordResetInput,
} from "../services/accounts/request-password-reset.ts";
import { signUp, signUpInput } from "../services/accounts/sign-up.ts";

export const authRoutes = [
  route({
    method: "post",
    path: "/auth/signup",
    operationId: "signUp",
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
    operationId: "logIn",
    tag: "Auth",
    summary: "Log in to an organization",
    description: "Wrong organization, e-mail or password and inactive users all answer the same 401.",
    access: "public",
    body: logInInput,
    response: z.object({ token: z.string(), user: userSchema }),
    handler: (ctx, { body }) => logIn(ctx, body),
  }),
  route({
    method: "post",
    path: "/auth/password-reset",
    operationId: "requestPasswordReset",
    tag: "Auth",
    summary: "E-mail a password-reset link",
    description:
      "Always 202, whether or not the organization has an active user with this e-mail, and in the same time. The link works once, for an hour. Rate-limited per client address and per account.",
    access: "public",
    body: requestPasswordResetInput,
    status: 202,
    response: z.object({ status: z.literal("accepted") }),
    handler: async (ctx, { body }) => {
      await requestPasswordReset(ctx, body);
      return { status: "accepted" as const };
    },
  }),
  route({
    method: "post",
    path: "/auth/password-reset/confirm",
    operationId: "confirmPasswordReset",
    tag: "Auth",
    summary: "Set a new password from a welcome or reset link",
    description:
      "The token of the link works once; every other link of the user stops working. A used, expired or unknown token answers 400 `invalid_token`.",
    access: "public",
    body: confirmPasswordResetInput,
    status: 204,
    response: z.void(),
    handler: (ctx, { body }) => confirmPasswordReset(ctx, body),
  }),
];
