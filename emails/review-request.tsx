import { Text } from "@react-email/components";
import { ActionButton, Layout, heading, paragraph, small } from "./components/Layout";

export type ReviewRequestProps = {
  orderNumber: string;
  customerName?: string;
  /** Each piece, with who made it when we know and she shows her name ("Made by Wanjiru Kamau"). */
  pieces: Array<{ title: string; maker?: string }>;
  /** The signed /orders/:number/review link: it opens without an account. */
  reviewUrl: string;
};

export function subject(props: ReviewRequestProps) {
  return props.pieces.length === 1 ? `How is your ${props.pieces[0].title}?` : `How are your pieces from order ${props.orderNumber}?`;
}

export default function ReviewRequest(props: ReviewRequestProps) {
  return (
    <Layout preview={`Tell other shoppers, and the artisans who made them, how your pieces from order ${props.orderNumber} are wearing`}>
      <Text style={heading}>How are you finding your pieces{props.customerName ? `, ${props.customerName}` : ""}?</Text>
      <Text style={paragraph}>
        Order <strong>{props.orderNumber}</strong> reached you a little while ago. A few words and a photo help other shoppers choose, and
        we pass every review on to the artisan who made the piece.
      </Text>
      {props.pieces.map((piece) => (
        <Text key={piece.title} style={paragraph}>
          <strong>{piece.title}</strong>
          {piece.maker ? ` · ${piece.maker}` : ""}
        </Text>
      ))}
      <ActionButton href={props.reviewUrl}>Review your pieces</ActionButton>
      <Text style={small}>
        The link works without an account and only for this order. Reviews appear on the shop once our team has read them.
      </Text>
    </Layout>
  );
}

ReviewRequest.PreviewProps = {
  orderNumber: "SK-1001",
  customerName: "Amina",
  pieces: [{ title: "Maasai Bead Hoops", maker: "Made by Wanjiru Kamau" }, { title: "Brass Cuff" }],
  reviewUrl: "http://localhost:3000/orders/SK-1001/review?t=preview",
} satisfies ReviewRequestProps;
