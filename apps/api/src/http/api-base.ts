/** Where the JSON API is mounted; the web app owns every other path its router knows. */
export const API_BASE = "/api/v1";
