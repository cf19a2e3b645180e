/**
 * A button that opens a menu of actions, after the WAI-ARIA menu button pattern: Enter, Space or
 * ArrowDown open it on the first item, ArrowUp on the last; arrow keys, Home and End move between
 * items; Escape closes it and returns focus to the button; Tab or a click elsewhere closes it.
 */

import { type KeyboardEvent, type ReactNode, useCallback, useEffect, useId, useRef, useState } from "react";

export interface MenuItem {
  readonly key: string;
  readonly label: string;
  readonly onSelect: () => void;
  readonly disabled?: boolean;
  readonly testId?: string;
}

export interface MenuButtonProps {
  /** The button's accessible name ("More actions"), also its tooltip. */
  readonly label: string;
  /** What the button shows; the label when absent. */
  readonly children?: ReactNode;
  readonly items: readonly MenuItem[];
  readonly testId?: string;
}

function itemsOf(menu: HTMLElement | null): HTMLElement[] {
  return Array.from(menu?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
}

export function MenuButton({ label, children, items, testId }: MenuButtonProps) {
  const [open, setOpen] = useState(false);
  // Which item takes focus once the menu is open: the first, the last, or none yet.
  const [focusOnOpen, setFocusOnOpen] = useState<"first" | "last">("first");
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    const all = itemsOf(menuRef.current);
    (focusOnOpen === "last" ? all[all.length - 1] : all[0])?.focus();
    // A click anywhere outside closes the menu, as a native menu would.
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) close(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open, focusOnOpen, close]);

  const openAt = (where: "first" | "last") => {
    setFocusOnOpen(where);
    setOpen(true);
  };

  const onButtonKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === "ArrowDown" || event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      openAt("first");
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      openAt("last");
    }
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const all = itemsOf(menuRef.current);
    const index = all.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      all[(to + all.length) % all.length]?.focus();
    };
    switch (event.key) {
      case "ArrowDown":
        return move(index + 1);
      case "ArrowUp":
        return move(index - 1);
      case "Home":
        return move(0);
      case "End":
        return move(all.length - 1);
      case "Escape":
        event.preventDefault();
        return close(true);
      case "Tab":
        return close(false);
    }
  };

  const choose = (item: MenuItem) => {
    if (item.disabled) return;
    close(true);
    item.onSelect();
  };

  return (
    <div className="rb-menu-button" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="rb-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={label}
        title={label}
        data-testid={testId}
        onClick={() => (open ? close(false) : openAt("first"))}
        onKeyDown={onButtonKeyDown}
      >
        {children ?? label}
      </button>
      {open ? (
        <div ref={menuRef} id={menuId} role="menu" aria-label={label} className="rb-menu" onKeyDown={onMenuKeyDown}>
          {items.map((item) => (
            <button
              key={item.key}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="rb-menu__item"
              aria-disabled={item.disabled ? true : undefined}
              data-testid={item.testId}
              onClick={() => choose(item)}
            >
              {item.label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
