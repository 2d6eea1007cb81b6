import { defineMessages } from "../../i18n/define-messages.ts";

export const portalMessages = defineMessages(
  {
    title: "My tickets",
    listTitle: "Your requests",
    loading: "Loading…",
    empty: "You have no tickets yet. Open one with the form and we will get back to you.",
    subject: "Subject",
    status: "Status",
    updated: "Updated",
    loadMore: "Load more",
    loadingMore: "Loading…",
    newTicketTitle: "Open a ticket",
    describe: "Describe the problem",
    priority: "Priority",
    openTicket: "Open ticket",
    opening: "Opening…",
  },
  {
    title: "Mes tickets",
    listTitle: "Vos demandes",
    loading: "Chargement…",
    empty:
      "Vous n'avez aucun ticket pour l'instant. Ouvrez-en un avec le formulaire et nous vous répondrons.",
    subject: "Sujet",
    status: "Statut",
    updated: "Mis à jour",
    loadMore: "Afficher plus",
    loadingMore: "Chargement…",
    newTicketTitle: "Ouvrir un ticket",
    describe: "Décrivez le problème",
    priority: "Priorité",
    openTicket: "Ouvrir le ticket",
    opening: "Ouverture…",
  },
);
