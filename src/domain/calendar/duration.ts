/** SLA durations (value + unit, docs/directory-format.md) to seconds of working time; a day is 86,400 s, as in iTop. */
import type { DurationUnit } from '../directory/directory.types';

const SECONDS_PER_UNIT: Readonly<Record<DurationUnit, number>> = {
  seconds: 1,
  minutes: 60,
  hours: 3_600,
  days: 86_400,
};

/** @throws RangeError on a negative or non-finite value (the directory import rejects those first). */
export function durationToSeconds(value: number, unit: DurationUnit): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`duration must be a finite number >= 0, got ${value} ${unit}`);
  }
  return value * SECONDS_PER_UNIT[unit];
}
