import { Text } from "@react-email/components";
import { ActionButton, Layout, heading, paragraph, small } from "./components/Layout";

export type PasswordResetProps = {
  customerName?: string;
  /** /account/reset?token=…: sets a new password, once. */
  resetUrl: string;
  /** How long the link works, in minutes. */
  expiresInMinutes: number;
};

export function subject(_props: PasswordResetProps) {
  return "Reset your Soko password";
}

export default function PasswordReset(props: PasswordResetProps) {
  const lifetime =
    props.expiresInMinutes % 60 === 0
      ? `${props.expiresInMinutes / 60} hour${props.expiresInMinutes === 60 ? "" : "s"}`
      : `${props.expiresInMinutes} minutes`;
  return (
    <Layout preview="A link to choose a new password for your Soko account">
      <Text style={heading}>Hello{props.customerName ? ` ${props.customerName}` : ""},</Text>
      <Text style={paragraph}>
        Someone (we hope you) asked to reset the password of your Soko account. Choose a new one with the link below.
      </Text>
      <ActionButton href={props.resetUrl}>Choose a new password</ActionButton>
      <Text style={small}>This link works once and for {lifetime}. Asking for another link turns this one off.</Text>
      <Text style={small}>If you didn't ask for this, ignore this email: your password stays as it is.</Text>
      <Text style={small}>{props.resetUrl}</Text>
    </Layout>
  );
}

PasswordReset.PreviewProps = {
  customerName: "Amina",
  resetUrl: "http://localhost:3000/account/reset?token=preview-token",
  expiresInMinutes: 60,
} satisfies PasswordResetProps;
