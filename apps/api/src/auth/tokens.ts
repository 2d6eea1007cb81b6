import { errors, jwtVerify, SignJWT } from "jose";
import { setBounded } from "../lib/bounded-map.ts";
import { UnauthorizedError } from "../lib/errors.ts";

const ISSUER = "helpdesk";
/**
 * The HMAC key, imported once per secret: given raw bytes, jose imports a CryptoKey on every call,
 * and every request and socket handshake verifies a token (bench/RESULTS.md).
 */
const keys = new Map<string, Promise<CryptoKey>>();
function key(secret: string): Promise<CryptoKey> {
  let imported = keys.get(secret);
  if (!imported) {
    imported = crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
    keys.set(secret, imported);
  }
  return imported;
}

const isUuid = (value: unknown): value is string =>
  typeof value === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** How bearer tokens are signed; from the app's config, not the process env, so each app signs with its own. */
export interface TokenSettings {
  secret: string;
  expiresIn: string;
}

export interface TokenClaims {
  userId: string;
  organizationId: string;
}

export interface VerifiedToken extends TokenClaims {
  /** Whole seconds, as JWT `iat` says it. */
  issuedAt: Date;
  expiresAt: Date;
}

/** HS256 bearer token naming the user and their organization; roles are read fresh on each request. */
export async function signToken(claims: TokenClaims, secret: string, expiresIn: string): Promise<string> {
  return new SignJWT({ org: claims.organizationId })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(await key(secret));
}

/**
 * Tokens already verified, by their whole text (signature included, so only a token signed with
 * this secret can match), kept until they expire. Every request and socket handshake carries one,
 * and WebCrypto's HMAC check runs on a thread pool: a thread hop per request costs the API CPU
 * (bench/RESULTS.md). Bounded; the oldest entries go first.
 */
const VERIFIED_LIMIT = 10_000;
const verifiedBySecret = new Map<string, Map<string, VerifiedToken>>();

export async function verifyToken(token: string, secret: string): Promise<VerifiedToken> {
  let verified = verifiedBySecret.get(secret);
  if (!verified) {
    verified = new Map();
    verifiedBySecret.set(secret, verified);
  }
  const known = verified.get(token);
  if (known) {
    // The same rule as jose's: expired once the clock reaches `exp`.
    if (Date.now() < known.expiresAt.getTime()) return known;
    verified.delete(token);
    throw new UnauthorizedError("Token expired");
  }
  const claims = await verifyWithJose(token, secret);
  setBounded(verified, token, Object.freeze(claims), VERIFIED_LIMIT);
  return claims;
}

async function verifyWithJose(token: string, secret: string): Promise<VerifiedToken> {
  try {
    const { payload } = await jwtVerify(token, await key(secret), {
      algorithms: ["HS256"],
      issuer: ISSUER,
      requiredClaims: ["exp", "iat", "sub"],
    });
    if (!isUuid(payload.sub) || !isUuid(payload.org)) {
      throw new UnauthorizedError("Malformed token");
    }
    return {
      userId: payload.sub,
      organizationId: payload.org,
      issuedAt: new Date((payload.iat ?? 0) * 1000),
      expiresAt: new Date((payload.exp ?? 0) * 1000),
    };
  } catch (error) {
    if (error instanceof UnauthorizedError) throw error;
    if (error instanceof errors.JWTExpired) throw new UnauthorizedError("Token expired");
    throw new UnauthorizedError("Invalid token");
  }
}
