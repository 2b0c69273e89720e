import { StateMachine } from '@lexique/vocabulary';
import { SystemStatus } from '../systems/system-status';

const { ACTIVE, RETIRING, RETIRED } = SystemStatus;

/**
 * Lifecycle of an information system, one table: the mutualisation retires
 * systems (ACTIVE → RETIRING → RETIRED, or at once); a retirement can be
 * postponed (RETIRING → ACTIVE); RETIRED is final. The action is the status
 * asked for.
 */
export const systemLifecycleMachine = new StateMachine<SystemStatus, SystemStatus>('system', [
  { action: RETIRING, from: ACTIVE, to: RETIRING },
  { action: RETIRED, from: ACTIVE, to: RETIRED },
  { action: RETIRED, from: RETIRING, to: RETIRED },
  { action: ACTIVE, from: RETIRING, to: ACTIVE },
]);
