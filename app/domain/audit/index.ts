/** The audit domain's front door for pure rules: who an actor is, as people read it. Server side: ./index.server.ts. */
export { actorRef, describeActor, type ActorKind, type ActorRef, type ActorView } from "./actors";
