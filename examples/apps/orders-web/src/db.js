import mysql from "mysql2/promise";

// Through RDS Proxy: it keeps our connections and moves them to the new writer on failover.
export const pool = mysql.createPool({
  host: "orders-proxy.proxy-c7x2kq4mpl9e.us-east-1.rds.amazonaws.com",
  user: "orders_web",
  password: process.env.DB_PASSWORD,
  database: "orders",
  connectionLimit: 20,
});
