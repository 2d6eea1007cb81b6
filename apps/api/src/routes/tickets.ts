import { route } from "../http/route.ts";
import { idParam, page } from "../schemas/common.ts";
import { followersSchema } from "../schemas/notification.ts";
import { messageSchema, ticketSchema, ticketWithMessagesSchema } from "../schemas/ticket.ts";
import { addMessage, addMessageInput } from "../services/messages/add-message.ts";
import { createTicket, createTicketInput } from "../services/tickets/create-ticket.ts";
import {
  followerInput,
  followTicket,
  getFollowers,
  unfollowTicket,
} from "../services/tickets/follow-ticket.ts";
import { getTicket } from "../services/tickets/get-ticket.ts";
import { listMessages, listMessagesQuery } from "../services/tickets/list-messages.ts";
import { listTickets, listTicketsQuery } from "../services/tickets/list-tickets.ts";
import { updateTicket, updateTicketInput } from "../services/tickets/update-ticket.ts";

const everyone = ["customer", "agent", "admin"] as const;

export const ticketRoutes = [
  route({
    method: "post",
    path: "/tickets",
    operationId: "createTicket",
    tag: "Tickets",
    summary: "Open a ticket",
    description: "A customer opens one for themself; an agent or admin opens one for `customerId`.",
    access: everyone,
    body: createTicketInput,
    idempotent: true,
    status: 201,
    response: ticketSchema,
    handler: (ctx, { body }) => createTicket(ctx, body),
  }),
  route({
    method: "get",
    path: "/tickets",
    operationId: "listTickets",
    tag: "Tickets",
    summary: "List tickets, newest first, with keyset pagination",
    access: everyone,
    query: listTicketsQuery,
    response: page(ticketSchema),
    handler: (ctx, { query }) => listTickets(ctx, query),
  }),
  route({
    method: "get",
    path: "/tickets/:id",
    operationId: "getTicket",
    tag: "Tickets",
    summary: "A ticket with its latest messages (older ones: GET /tickets/:id/messages)",
    access: everyone,
    params: idParam,
    response: ticketWithMessagesSchema,
    handler: (ctx, { params }) => getTicket(ctx, params.id),
  }),
  route({
    method: "patch",
    path: "/tickets/:id",
    operationId: "updateTicket",
    tag: "Tickets",
    summary: "Change status, priority or assignee",
    description:
      "Status changes follow the state machine in docs/tickets.md; customers may only resolve or reopen.",
    access: everyone,
    params: idParam,
    body: updateTicketInput,
    response: ticketSchema,
    handler: (ctx, { params, body }) => updateTicket(ctx, params.id, body),
  }),
  route({
    method: "get",
    path: "/tickets/:id/messages",
    operationId: "listTicketMessages",
    tag: "Tickets",
    summary: "A ticket's messages, newest first, with keyset pagination",
    description: "Customers don't see internal notes.",
    access: everyone,
    params: idParam,
    query: listMessagesQuery,
    response: page(messageSchema),
    handler: async (ctx, { params, query }) => {
      const { data, nextCursor } = await listMessages(ctx, params.id, query);
      return { data, nextCursor };
    },
  }),
  route({
    method: "post",
    path: "/tickets/:id/messages",
    operationId: "addTicketMessage",
    tag: "Tickets",
    summary: "Reply, or add an internal note (agents)",
    access: everyone,
    params: idParam,
    body: addMessageInput,
    idempotent: true,
    rateLimit: "messages",
    status: 201,
    response: messageSchema,
    handler: (ctx, { params, body }) => addMessage(ctx, params.id, body),
  }),
  route({
    method: "get",
    path: "/tickets/:id/followers",
    operationId: "listTicketFollowers",
    tag: "Tickets",
    summary: "Who follows a ticket, in the order they started",
    access: ["agent", "admin"],
    params: idParam,
    response: followersSchema,
    handler: (ctx, { params }) => getFollowers(ctx, params.id),
  }),
  route({
    method: "post",
    path: "/tickets/:id/followers",
    operationId: "followTicket",
    tag: "Tickets",
    summary: "Follow a ticket (yourself, or `userId`): hear of its public messages",
    access: ["agent", "admin"],
    params: idParam,
    body: followerInput,
    response: followersSchema,
    handler: (ctx, { params, body }) => followTicket(ctx, params.id, body),
  }),
  route({
    method: "delete",
    path: "/tickets/:id/followers",
    operationId: "unfollowTicket",
    tag: "Tickets",
    summary: "Stop following a ticket (yourself, or `userId`)",
    access: ["agent", "admin"],
    params: idParam,
    body: followerInput,
    response: followersSchema,
    handler: (ctx, { params, body }) => unfollowTicket(ctx, params.id, body),
  }),
];
