/** Links in e-mails point at the web app (APP_URL), which routes them to the right screen. */
export const links = (appUrl: string) => ({
  ticket: (ticketId: string) => `${appUrl}/tickets/${ticketId}`,
  preferences: () => `${appUrl}/settings/notifications`,
});
