// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MenuButton } from "../../src/ui/common/MenuButton";

afterEach(cleanup);

function renderMenu() {
  const chosen: string[] = [];
  const items = ["Refresh", "Expand all", "Print"].map((label) => ({
    key: label,
    label,
    onSelect: vi.fn(() => chosen.push(label)),
    ...(label === "Expand all" ? { disabled: true } : {}),
  }));
  render(<MenuButton label="More actions" items={items} />);
  const button = screen.getByRole("button", { name: "More actions" });
  return { button, chosen, items };
}

const focusedText = () => document.activeElement?.textContent;

describe("MenuButton", () => {
  it("is a closed menu button until opened", () => {
    const { button } = renderMenu();
    expect(button.getAttribute("aria-haspopup")).toBe("menu");
    expect(button.getAttribute("aria-expanded")).toBe("false");
    expect(screen.queryByRole("menu")).toBeNull();
  });

  it("opens on ArrowDown at the first item and moves with arrows, Home and End", () => {
    const { button } = renderMenu();
    fireEvent.keyDown(button, { key: "ArrowDown" });
    expect(button.getAttribute("aria-expanded")).toBe("true");
    const menu = screen.getByRole("menu", { name: "More actions" });
    expect(button.getAttribute("aria-controls")).toBe(menu.id);
    expect(focusedText()).toBe("Refresh");
    fireEvent.keyDown(menu, { key: "ArrowDown" });
    expect(focusedText()).toBe("Expand all");
    fireEvent.keyDown(menu, { key: "End" });
    expect(focusedText()).toBe("Print");
    fireEvent.keyDown(menu, { key: "ArrowDown" });
    expect(focusedText()).toBe("Refresh");
    fireEvent.keyDown(menu, { key: "ArrowUp" });
    expect(focusedText()).toBe("Print");
    fireEvent.keyDown(menu, { key: "Home" });
    expect(focusedText()).toBe("Refresh");
  });

  it("opens on ArrowUp at the last item", () => {
    const { button } = renderMenu();
    fireEvent.keyDown(button, { key: "ArrowUp" });
    expect(focusedText()).toBe("Print");
  });

  it("closes on Escape and gives focus back to the button", () => {
    const { button } = renderMenu();
    fireEvent.keyDown(button, { key: "Enter" });
    fireEvent.keyDown(screen.getByRole("menu"), { key: "Escape" });
    expect(screen.queryByRole("menu")).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it("runs a chosen item and closes; a disabled item does nothing", () => {
    const { button, chosen } = renderMenu();
    fireEvent.click(button);
    const disabled = screen.getByRole("menuitem", { name: "Expand all" });
    expect(disabled.getAttribute("aria-disabled")).toBe("true");
    fireEvent.click(disabled);
    expect(chosen).toEqual([]);
    fireEvent.click(screen.getByRole("menuitem", { name: "Print" }));
    expect(chosen).toEqual(["Print"]);
    expect(screen.queryByRole("menu")).toBeNull();
  });
});
