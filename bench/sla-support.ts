import type { RealtimeEmitter } from "../apps/api/src/realtime/emitter.ts";

/** The scan publishes through the outbox and never emits directly: nothing to send in its benchmark. */
export class RealtimeEmitterStub implements RealtimeEmitter {
  notification() {}
  ticketUpdated() {}
  sla() {}
  exportUpdate() {}
  disconnectUser() {}
  userChanged() {
    return Promise.resolve(true);
  }
  close() {
    return Promise.resolve();
  }
}
