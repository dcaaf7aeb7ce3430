/** Time comes in through this port; the domain never reads the clock itself. */
export interface Clock {
  now(): Date;
}
