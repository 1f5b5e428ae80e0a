/** The run's counters of LANGUAGE.md §10, incremented by the parts where each thing happens. */
export class Counters {
  kernelSwitches = 0;
  userSwitches = 0;
  modeSwitches = 0;
  upcalls = 0;
  sigwaiting = 0;
  handoffs = 0;
  lwpsCreated = 0;
  threadsCreated = 0;
}
