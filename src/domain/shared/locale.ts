/** The languages the bot speaks: a person's preference, the default in the config, the catalogs' keys. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
