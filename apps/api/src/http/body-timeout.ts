import type { NextFunction, Request, Response } from "express";

/**
 * A client that announces a body and then sends it slowly (or never) holds a connection and a
 * parser for as long as it likes; enough of them starve the server. A body must have arrived
 * within `timeoutMs` of the request's start, or the connection is closed.
 */
export function limitBodyTime(timeoutMs: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    const announced =
      req.headers["transfer-encoding"] !== undefined ||
      (req.headers["content-length"] !== undefined && req.headers["content-length"] !== "0");
    if (!announced) return next();
    const timer = setTimeout(() => {
      req.log.info({ timeoutMs }, "request body too slow: connection closed");
      req.socket.destroy();
    }, timeoutMs);
    const done = () => clearTimeout(timer);
    req.once("end", done);
    req.once("close", done);
    res.once("finish", done);
    next();
  };
}
