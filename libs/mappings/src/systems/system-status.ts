/** Lifecycle of an information system: the mutualisation aims to retire most legacy ones. */
export enum SystemStatus {
  ACTIVE = 'ACTIVE',
  RETIRING = 'RETIRING',
  RETIRED = 'RETIRED',
}
