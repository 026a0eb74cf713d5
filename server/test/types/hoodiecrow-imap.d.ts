// hoodiecrow-imap ships no types: only the part the inbox test uses.
declare module "hoodiecrow-imap" {
  import type { Server } from "node:net";

  interface HoodiecrowOptions {
    plugins?: string[];
    users?: Record<string, { password: string }>;
    storage?: Record<string, { messages: { raw: string; flags?: string[] }[] }>;
  }
  export interface Hoodiecrow {
    server: Server;
    listen(port: number, host: string, callback: () => void): void;
    close(callback: () => void): void;
    appendMessage(mailbox: string, flags: string[], internaldate: Date, raw: string): void;
  }
  export default function hoodiecrow(options: HoodiecrowOptions): Hoodiecrow;
}
