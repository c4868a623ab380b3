// Webex signs each webhook: X-Spark-Signature is the HMAC-SHA1 (hex) of the raw request body
// with the webhook secret. We check the original bytes, in constant time, before anything else.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signBody(body: Buffer | string, secret: string): string {
  return createHmac('sha1', secret).update(body).digest('hex');
}

export function hasValidSignature(body: Buffer, signature: string | undefined, secret: string): boolean {
  if (!signature || !/^[0-9a-f]{40}$/i.test(signature)) return false;
  const expected = Buffer.from(signBody(body, secret), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}
