import { Text } from "@react-email/components";
import { ActionButton, Layout, heading, paragraph, small } from "./components/Layout";

export type VerifyEmailProps = {
  customerName?: string;
  /** /account/verify?token=…: confirms the address and adds earlier guest orders placed with it. */
  verifyUrl: string;
  /** How long the link works, in days. */
  expiresInDays: number;
  /** A sign-up's link (docs/decisions/0029): following it makes the account and signs in. */
  finishesSignUp?: boolean;
};

export function subject(props: VerifyEmailProps) {
  return props.finishesSignUp ? "Confirm your email to finish your Soko account" : "Confirm your email for your Soko account";
}

export default function VerifyEmail(props: VerifyEmailProps) {
  return (
    <Layout preview="Confirm your email to see all your Soko orders in one place">
      <Text style={heading}>Hello{props.customerName ? ` ${props.customerName}` : ""},</Text>
      {props.finishesSignUp ? (
        <Text style={paragraph}>
          Thank you for creating a Soko account. Confirm that this email is yours to finish: the link makes your account, signs you in and
          adds the orders you placed with this email as a guest.
        </Text>
      ) : (
        <Text style={paragraph}>
          Thank you for creating a Soko account. Confirm that this email is yours and we'll add the orders you placed with it as a guest to
          your account.
        </Text>
      )}
      <ActionButton href={props.verifyUrl}>Confirm my email</ActionButton>
      <Text style={small}>
        This link works {props.finishesSignUp ? "once and " : ""}for {props.expiresInDays} days.
      </Text>
      <Text style={small}>If you didn't create an account, ignore this email: nothing is shared until the link is followed.</Text>
      <Text style={small}>{props.verifyUrl}</Text>
    </Layout>
  );
}

VerifyEmail.PreviewProps = {
  customerName: "Amina",
  verifyUrl: "http://localhost:3000/account/verify?token=preview-token",
  expiresInDays: 7,
} satisfies VerifyEmailProps;
