/**
 * Atlassian Connect's iframe API (`AP`, from all.js) as Rollbook uses it, and the one helper
 * every call needs: AP functions answer by callback, by promise, or both, depending on the
 * all.js version and the host.
 */

import type { FlagType } from "./host";

/** A serialised XMLHttpRequest as AP.request hands it over; any member may be missing. */
export interface ApXhr {
  status?: number;
  statusText?: string;
  responseText?: string;
  headers?: unknown;
  getResponseHeader?: (name: string) => string | null | undefined;
  getAllResponseHeaders?: () => string;
}

export interface ApRequestOptions {
  url: string;
  type: string;
  data?: string;
  contentType?: string;
  cache?: boolean;
  headers?: Record<string, string>;
  success?: (responseText: unknown, statusText?: string, xhr?: ApXhr) => void;
  error?: (xhr: ApXhr | undefined, statusText?: string, errorThrown?: unknown) => void;
}

export type MaybePromise<T> = Promise<T> | T | void;
export type Callback<T> = (value: T) => void;
type GetLocation = (callback: Callback<unknown>) => unknown;

/** The part of `AP` Rollbook uses (types after `@types/atlassian-connect-js`, all optional where hosts differ). */
export interface ConnectAp {
  request(options: ApRequestOptions): MaybePromise<unknown>;
  context: {
    getToken(callback?: Callback<string>): MaybePromise<string>;
    getContext(callback?: Callback<unknown>): MaybePromise<unknown>;
  };
  navigator?: { go(target: string, context?: Record<string, unknown>): void; getLocation?: GetLocation };
  /** Older hosts: the Jira page's URL as a string. */
  env?: { getLocation?: GetLocation };
  getLocation?: GetLocation;
  user?: {
    getCurrentUser(callback?: Callback<{ atlassianAccountId?: string | null }>): MaybePromise<{ atlassianAccountId?: string | null }>;
    getTimeZone?(callback?: Callback<string>): MaybePromise<string>;
    getLocale?(callback?: Callback<string>): MaybePromise<string>;
  };
  resize?(width?: string | number, height?: string | number): void;
  sizeToParent?(hideFooter?: boolean): void;
  flag?: { create(options: { title: string; body?: string; type?: FlagType; close?: "manual" | "auto" }): unknown };
  jira?: {
    isDashboardItemEditable?(callback?: Callback<boolean>): MaybePromise<boolean>;
    setDashboardItemTitle?(title: string): void;
  };
  /** Page modules only: the app's state in the Jira page URL's anchor after `#!`. */
  history?: {
    pushState(newState: string): void;
    replaceState?(newState: string): void;
    getState?(type?: "hash" | "all", callback?: Callback<unknown>): MaybePromise<unknown>;
    popState?(callback: Callback<ApPopStateEvent>): void;
    back?(): void;
  };
  events?: { on(name: string, listener: (event: unknown) => void): void; off?(name: string, listener: (event: unknown) => void): void };
  /** Jira's modal dialog: `create` opens one of the descriptor's `dialogs` modules. */
  dialog?: {
    create(options: { key: string; customData?: unknown; chrome?: boolean; width?: string; height?: string }): unknown;
    getCustomData?(callback: Callback<unknown>): MaybePromise<unknown>;
    close(data?: unknown): void;
  };
}

/** What `AP.history.popState` listeners get when the user moves through the page's history. */
export interface ApPopStateEvent {
  readonly oldURL?: string;
  readonly newURL?: string;
  readonly state?: string;
}

declare global {
  interface Window {
    AP?: ConnectAp;
  }
}

/**
 * Calls an AP function that takes a callback and/or returns a promise (both styles exist across
 * all.js versions and hosts) and settles once with whichever answers first.
 */
export function callAp<T>(invoke: (callback: Callback<T>) => MaybePromise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      const returned = invoke(resolve);
      if (returned && typeof (returned as Promise<T>).then === "function") (returned as Promise<T>).then(resolve, reject);
    } catch (error) {
      reject(error);
    }
  });
}
