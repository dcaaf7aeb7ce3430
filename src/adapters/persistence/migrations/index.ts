/** The reviewed MySQL/MariaDB migrations, in order. Schema only, never rows. */
import { Initial1795852829310 } from './1795852829310-Initial';

export const MIGRATIONS: Function[] = [Initial1795852829310];
