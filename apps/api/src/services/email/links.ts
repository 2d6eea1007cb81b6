/** Links in e-mails point at the web app (APP_URL), which routes them to the right screen. */
export const links = (appUrl: string) => ({
  ticket: (ticketId: string) => `${appUrl}/tickets/${ticketId}`,
  preferences: () => `${appUrl}/settings/notifications`,
  dashboard: () => `${appUrl}/dashboard`,
  weeklyReport: (week: string) => `${appUrl}/reports/weekly?week=${week}`,
  /** The page fetches a fresh download link for the signed-in member: the e-mail carries none. */
  reportExport: (exportId: string) => `${appUrl}/reports/exports/${exportId}`,
});

/**
 * A welcome or password-reset link: PUBLIC_URL's `/reset-password` page takes the token and posts
 * it to `/api/v1/auth/password-reset/confirm` with the new password.
 */
export const accountLinks = (publicUrl: string) => ({
  resetPassword: (token: string) => `${publicUrl}/reset-password?token=${encodeURIComponent(token)}`,
});
