import { errors, jwtVerify, SignJWT } from "jose";
import { UnauthorizedError } from "../../errors.ts";

const ISSUER = "helpdesk";
const key = (secret: string) => new TextEncoder().encode(secret);

const isUuid = (value: unknown): value is string =>
  typeof value === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

export interface TokenClaims {
  userId: string;
  organizationId: string;
}

export interface VerifiedToken extends TokenClaims {
  expiresAt: Date;
}

/** HS256 bearer token naming the user and their organization; roles are read fresh on each request. */
export function signToken(claims: TokenClaims, secret: string, expiresIn: string): Promise<string> {
  return new SignJWT({ org: claims.organizationId })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key(secret));
}

export async function verifyToken(token: string, secret: string): Promise<VerifiedToken> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      algorithms: ["HS256"],
      issuer: ISSUER,
      requiredClaims: ["exp", "sub"],
    });
    if (!isUuid(payload.sub) || !isUuid(payload.org)) {
      throw new UnauthorizedError("Malformed token");
    }
    return {
      userId: payload.sub,
      organizationId: payload.org,
      expiresAt: new Date((payload.exp ?? 0) * 1000),
    };
  } catch (error) {
    if (error instanceof UnauthorizedError) throw error;
    if (error instanceof errors.JWTExpired) throw new UnauthorizedError("Token expired");
    throw new UnauthorizedError("Invalid token");
  }
}
