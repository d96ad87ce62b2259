import type { ReactNode } from "react";

/**
 * A list's filter as a labelled select in a GET form: "All …" first (the filter off), then each
 * option as [value, what it reads]. The chosen value comes back from the address as `value`.
 */
export function FilterSelect({
  id,
  label,
  name,
  value,
  all,
  options,
}: {
  id: string;
  label: string;
  name: string;
  value: string | number | null | undefined;
  all: string;
  options: ReadonlyArray<readonly [value: string | number, text: ReactNode]>;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        <option value="">{all}</option>
        {options.map(([optionValue, text]) => (
          <option key={optionValue} value={optionValue}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
