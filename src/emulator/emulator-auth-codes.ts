/**
 * 免登 auth codes the emulator issues (docs/dingtalk-emulator.md "Workbench"): its page asks for one for the chosen
 * person and opens the bot's workbench page with the JSAPI stubbed to hand it over; the bot exchanges it through
 * `topapi/v2/user/getuserinfo` like DingTalk's. One use each, valid five minutes (DingTalk's codes too).
 */
import { randomBytes } from 'node:crypto';

const TTL_MS = 5 * 60_000;

export class EmulatorAuthCodes {
  private readonly codes = new Map<string, { userId: string; expiresAt: number }>();

  issue(userId: string, now = Date.now()): string {
    for (const [c, v] of this.codes) if (v.expiresAt <= now) this.codes.delete(c);
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, { userId, expiresAt: now + TTL_MS });
    return code;
  }

  /** The user the code was issued for, once; null when unknown, used or expired. */
  take(code: string, now = Date.now()): string | null {
    const found = this.codes.get(code);
    this.codes.delete(code);
    return found && found.expiresAt > now ? found.userId : null;
  }
}
