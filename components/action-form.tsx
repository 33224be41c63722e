"use client";

import { startTransition, type ComponentProps } from "react";

type Props = Omit<ComponentProps<"form">, "action" | "onSubmit"> & {
  action: (form: FormData) => void;
  /** Called instead of submitting at once (e.g. to ask for confirmation); `submit` sends the form. */
  confirm?: (form: FormData, submit: () => void) => void;
};

/**
 * A form for a server action that keeps everything entered when the action answers with an
 * error. React 19 resets a form after its action runs, and a reset puts selects, checkboxes and
 * radios back to their first defaults: the issue form lost Owner and Servers that way and then
 * issued a token nobody asked for. Submitting in our own transition skips that reset (pending
 * state still shows); without JavaScript the form posts to the same action as before.
 */
export function ActionForm({ action, confirm, ...props }: Props) {
  return (
    <form
      {...props}
      action={action}
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
        const submit = () => startTransition(() => action(form));
        if (confirm) confirm(form, submit);
        else submit();
      }}
    />
  );
}
