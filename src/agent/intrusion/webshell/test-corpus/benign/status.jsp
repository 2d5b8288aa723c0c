<%@ page contentType="application/json;charset=UTF-8" %>
<%
    Runtime rt = Runtime.getRuntime();
    long used = rt.totalMemory() - rt.freeMemory();
    String verbose = request.getParameter("verbose");
%>
{
  "status": "ok",
  "processors": <%= Runtime.getRuntime().availableProcessors() %>,
  "memoryUsed": <%= used %>,
  "memoryMax": <%= rt.maxMemory() %>,
  "uptimeMs": <%= java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() %>
  <% if ("1".equals(verbose)) { %>, "javaVersion": "<%= System.getProperty("java.version") %>"<% } %>
}
