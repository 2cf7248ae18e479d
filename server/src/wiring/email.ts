import type { Config } from '../config.js';
import type { EmailDeps, EmailService } from '../email/service.js';
import type { RedisClient } from '../scale/redis.js';
import { RedisLimitStore } from '../security/rate-limit-redis.js';
import type { Database } from '../storage/db.js';
import { UnsubscribeStore } from '../storage/email.js';

/** E-mail to customers when `smtpUrl` is set, else undefined; nodemailer (~15 MB resident) is loaded only then. */
export async function optionalEmail(
  config: Config,
  deps: Omit<EmailDeps, 'limits' | 'unsubscribes'> & { db: Database; redis?: RedisClient; baseUrl: () => string },
): Promise<EmailService | undefined> {
  if (!config.smtpUrl) return undefined;
  const { db, redis, baseUrl, ...rest } = deps;
  const { EmailService } = await import('../email/service.js');
  return new EmailService(
    {
      smtpUrl: config.smtpUrl,
      from: config.mailFrom,
      baseUrl,
      perConversationPerHour: config.emailPerConversationPerHour,
    },
    // The per-conversation budget is shared by every node through Redis when there is one.
    {
      ...rest,
      unsubscribes: new UnsubscribeStore(db),
      limits: redis ? new RedisLimitStore(redis, rest.logger, `${config.redisPrefix}:mail:`) : undefined,
    },
  );
}
