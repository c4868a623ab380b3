// Type declarations for the parts of webex-node-bot-framework 2.3.x we use (it ships none).
declare module 'webex-node-bot-framework' {
  import { EventEmitter } from 'node:events';

  export interface FrameworkOptions {
    token: string;
    webhookUrl?: string;
    webhookSecret?: string;
    removeWebhooksOnStart?: boolean;
    messageFormat?: 'text' | 'markdown' | 'html';
    maxStartupSpaces?: number;
    id?: string;
  }

  export interface WebexPerson {
    id: string;
    emails: string[];
    displayName?: string;
    firstName?: string;
    nickName?: string;
  }

  export interface WebexRoom {
    id: string;
    title?: string;
    type: 'direct' | 'group';
  }

  export interface WebexMessage {
    id: string;
    roomId: string;
    roomType?: 'direct' | 'group';
    parentId?: string;
    text?: string;
    markdown?: string;
    personId: string;
    personEmail?: string;
    mentionedPeople?: string[];
    files?: string[];
    created?: string;
  }

  export interface AttachmentAction {
    id: string;
    type: 'submit';
    messageId: string;
    personId: string;
    roomId: string;
    inputs: Record<string, unknown>;
    created?: string;
  }

  export interface Trigger {
    type: 'message' | 'attachmentAction';
    id: string;
    text?: string;
    args: string[];
    message?: WebexMessage;
    attachmentAction?: AttachmentAction;
    person: WebexPerson;
    personId: string;
  }

  export interface FileAttachment {
    value: Buffer;
    options: { filename: string; contentType: string };
  }

  export interface MessageRequest {
    roomId?: string;
    parentId?: string;
    text?: string;
    markdown?: string;
    attachments?: { contentType: string; content: unknown }[];
    files?: FileAttachment[] | string[];
  }

  export interface Bot {
    id: string;
    active: boolean;
    room: WebexRoom;
    isDirect: boolean;
    framework: Framework;
    say(format: 'text' | 'markdown', message: string): Promise<WebexMessage>;
    say(message: MessageRequest): Promise<WebexMessage>;
    reply(replyTo: string | WebexMessage | AttachmentAction, message: string | MessageRequest, format?: 'text' | 'markdown'): Promise<WebexMessage>;
    sendCard(card: unknown, fallbackText: string): Promise<WebexMessage>;
  }

  export interface WebexSdk {
    messages: { create(message: MessageRequest): Promise<WebexMessage> };
    people: { get(id: string): Promise<WebexPerson> };
  }

  export default class Framework extends EventEmitter {
    constructor(options: FrameworkOptions);
    options: FrameworkOptions;
    person: WebexPerson;
    email: string;
    initialized: boolean;
    active: boolean;
    bots: Bot[];
    webex: WebexSdk;
    start(): Promise<void>;
    stop(): Promise<void>;
    hears(phrase: string | RegExp, action: (bot: Bot, trigger: Trigger, id: string) => void, helpText?: string, preference?: number): string;
    on(event: 'attachmentAction', listener: (bot: Bot, trigger: Trigger, id: string) => void): this;
    on(event: 'initialized' | 'log', listener: (...args: any[]) => void): this;
    on(event: string, listener: (...args: any[]) => void): this;
    getBotByRoomId(roomId: string): Bot | undefined;
  }
}

declare module 'webex-node-bot-framework/lib/process-event.js' {
  import type Framework from 'webex-node-bot-framework';
  export default function processEvent(framework: Framework, body: unknown): Promise<unknown>;
}
