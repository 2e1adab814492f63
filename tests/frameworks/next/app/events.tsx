"use client";
// The shop hears the widget's events where they bubble to: the document.
import { useEffect } from "react";

const NAMES = ["ready", "invoice", "status", "paid", "expired", "error"];

export function Events() {
  useEffect(() => {
    const w = window as unknown as { __events?: { name: string; detail: unknown }[] };
    w.__events = w.__events ?? [];
    const listeners = NAMES.map((name) => {
      const listener = (e: Event) => w.__events!.push({ name, detail: (e as CustomEvent).detail });
      document.addEventListener("getcrypto:" + name, listener);
      return [name, listener] as const;
    });
    return () => listeners.forEach(([name, l]) => document.removeEventListener("getcrypto:" + name, l));
  }, []);
  return null;
}
