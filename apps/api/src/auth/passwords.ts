/** argon2id with Bun's defaults (64 MiB, 2 passes): OWASP's recommended floor. */
export const hashPassword = (password: string) => Bun.password.hash(password, { algorithm: "argon2id" });

export const verifyPassword = (password: string, hash: string) => Bun.password.verify(password, hash);

// Verified against when the account does not exist, so a wrong e-mail costs as long as a wrong password.
const decoyHash = hashPassword("decoy-password-that-matches-nothing");
export const burnPasswordCheck = async (password: string) => verifyPassword(password, await decoyHash);
