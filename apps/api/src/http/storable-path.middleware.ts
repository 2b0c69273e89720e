import type { NextFunction, Request, Response } from 'express';
import { ErrorCode, ErrorReason, isStorableText } from '@lexique/core';

/**
 * The edge of plain HTTP routes (downloads, pages): an address whose
 * percent-encoding is not UTF-8, or that decodes to a NUL or an unpaired
 * surrogate, is refused with 400 before routing, so that no controller turns
 * a part of it into a query. Registered ahead of every route.
 */
export function refuseUnstorablePaths(req: Request, res: Response, next: NextFunction) {
  const path = req.originalUrl.split('?', 1)[0];
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return refuse(res, 'The address is not percent-encoded UTF-8');
  }
  if (!isStorableText(decoded)) return refuse(res, 'The address holds a NUL character');
  next();
}

function refuse(res: Response, message: string) {
  res.status(400).json({ code: ErrorCode.BAD_USER_INPUT, reason: ErrorReason.INVALID_VALUE, message, field: 'path' });
}
