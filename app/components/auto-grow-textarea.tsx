import { useEffect, useRef, type TextareaHTMLAttributes } from "react";

/** Grows with its content (up to a limit), so long notes stay comfortable to write. */
export function AutoGrowTextarea(props: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.style.height = "auto";
    element.style.height = `${Math.min(element.scrollHeight + 2, 640)}px`;
  }, [props.value]);
  return <textarea ref={ref} {...props} />;
}
