/** A plain labelled input whose id is not `f-<name>` (the register's ids predate the shared Field). */
export function PlainField({
  id,
  name,
  label,
  ...input
}: { id: string; name: string; label: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} autoComplete="off" {...input} />
    </div>
  );
}
